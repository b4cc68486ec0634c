// Runs before the app's modules (a classic script, not deferred): zod reads this config when it
// loads, and without it zod probes `Function('')`, which the Content-Security-Policy forbids.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
