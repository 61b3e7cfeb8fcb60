// Preloaded into every Node.js process of a profiled run (`npm run bench -- profile`): the engine
// stops the dynamic provider with a signal, which would end it before `--cpu-prof` writes its
// profile; a normal exit writes it.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
