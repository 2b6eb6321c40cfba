"""Executes notebooks with the project's tslab kernel, cell by cell (nbclient).

Why not `jupyter nbconvert --execute`: with tslab it fails with an empty
CellExecutionError (tslab reports type errors on stderr, not in the error
reply) and leaves every execution count empty (tslab sends no execute_input).
This runner names the notebook, the cell and the error text, and numbers cells.

Usage (normally through `npm run notebooks -- FILES…`, which sets JUPYTER_PATH):
    python3 run_notebooks.py [--out DIR] [--timeout SECONDS] [--learner] NOTEBOOK...
Without --out, each notebook is rewritten in place (atomically) with its outputs;
run-notebooks.ts then gives its charts static images (chart-images.ts).
--learner runs a generated learner notebook: every cell must run, and every
exercise check cell must report its exercise as not solved yet (lib/display/exercises.ts).
Exit status: 0 when every notebook ran, 1 when one failed, 2 for bad usage,
128 + N when stopped by signal N (SIGINT, SIGTERM or SIGHUP).
"""
import argparse
import os
import signal
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL_NAME = "tslab"
IOPUB_TIMEOUT = 120


def cell_error_text(cell):
    """The error a learner would see under the cell: stderr text plus any error output."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            parts.append(": ".join(p for p in (output.get("ename"), output.get("evalue")) if p))
            parts.extend(output.get("traceback") or [])
    lines = [line.rstrip() for line in "\n".join(parts).splitlines()]
    text = "\n".join(line for line in lines if line and not is_kernel_frame(line))
    return text or "(the kernel reported an error without a message)"


def is_kernel_frame(line):
    """Stack frames inside tslab, node:vm and Node itself say nothing about the learner's code."""
    text = line.strip().replace("\\", "/")
    return text.startswith("at ") and any(marker in text for marker in ("node:vm", "node:internal", "tslab/dist/", "(node:"))


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return "(empty cell)"


def write_atomically(nb, path):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".run-", suffix=".ipynb", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
    os.replace(tmp, path)


# What lib/display/exercises.ts's check() prints for an exercise whose stub is still in place.
NOT_SOLVED = "is not solved yet"


def stream_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def is_check_cell(cell):
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))


def run(path, out_dir, timeout, learner):
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "TypeScript (tslab)", "language": "typescript"}
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=timeout,
        allow_errors=False,
        record_timing=False,
        # After a cell's reply nbclient waits only 4 s (its default) for the cell's
        # outputs, then drops the late ones silently. A loaded machine can take
        # longer (the setup cell's 10 MB plotly output delayed the backend line
        # past it): wait longer, and fail instead of losing output.
        iopub_timeout=IOPUB_TIMEOUT,
        raise_on_iopub_timeout=True,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    failure = None
    started = time.time()
    with client.setup_kernel():
        for count, index in enumerate(code_cells, start=1):
            cell = nb.cells[index]
            cell_started = time.time()
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                failure = (count, index, f"the cell did not finish within {timeout} s")
            except DeadKernelError as error:
                failure = (count, index, f"the kernel died: {error}")
            except CellExecutionError:
                failure = (count, index, cell_error_text(cell))
            if learner and not failure and is_check_cell(cell) and NOT_SOLVED not in stream_text(cell):
                failure = (count, index, "this exercise check did not report its exercise as not solved yet in the learner's copy")
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count
            print(f"  [{count}/{len(code_cells)}] {time.time() - cell_started:6.1f} s  {first_line(cell.source)}", flush=True)
            if failure:
                break
    target = os.path.join(out_dir, os.path.basename(path)) if out_dir else path
    write_atomically(nb, target)
    return failure, time.time() - started, target


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def stop_on_signal(signum, _frame):
    """Unwinds, so that nbclient shuts the kernel down on the way out.

    Python's default would leave the kernel running on SIGTERM or SIGHUP. Later
    signals are ignored, so that none breaks into that shutdown (Ctrl-C reaches
    this process and run-notebooks.ts, which passes it on once more).
    """
    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def main():
    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, stop_on_signal)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", help="write executed notebooks here instead of in place")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell")
    parser.add_argument("--learner", action="store_true", help="expect exercise check cells to report their exercise as not solved yet")
    args = parser.parse_args()
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    failed = 0
    for path in args.notebooks:
        if not os.path.isfile(path):
            print(f"FAIL {path}: no such notebook", flush=True)
            failed += 1
            continue
        print(f"RUN  {path}", flush=True)
        failure, seconds, target = run(path, args.out, args.timeout, args.learner)
        if failure:
            count, index, message = failure
            failed += 1
            print(f"FAIL {path}: cell [{count}] (cell {index + 1} of the notebook) failed after {seconds:.1f} s:", flush=True)
            print("  " + message.replace("\n", "\n  "), flush=True)
        else:
            print(f"OK   {path} in {seconds:.1f} s -> {target}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
