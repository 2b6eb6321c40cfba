// danfojs-node requires "@tensorflow/tfjs-node". npm installs this folder in
// its place (see "overrides" in the root package.json), so danfojs shares the
// course's single tfjs instead of bundling a second one. Both requires below
// resolve from the project's own node_modules, because Node follows the
// symlink npm makes to this folder.
try {
  module.exports = require("@tensorflow/tfjs-node");
} catch {
  module.exports = require("@tensorflow/tfjs");
}
