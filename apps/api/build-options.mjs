// How the API is bundled, shared by `npm run build` and the CLI's bin (which rebuilds its own
// bundle when the sources are newer). Our workspace packages export TypeScript source, so they
// are bundled; every npm dependency stays external.
const npmPackagesExternal = {
  name: "npm-packages-external",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@factdesk/") ? undefined : { path: args.path, external: true },
    );
  },
};

export const bundleOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  jsx: "automatic",
  plugins: [npmPackagesExternal],
  logLevel: "warning",
};
