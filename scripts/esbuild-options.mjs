// The esbuild options every Perimeter bundle is built with: the shipped ones
// (scripts/build.mjs) and the bench's (scripts/bench.mjs), so the bench measures code
// bundled as users get it.
export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  minify: true,
  // jsonc-parser's UMD main cannot be bundled (it requires its parts dynamically): prefer ESM.
  mainFields: ['module', 'main'],
};
