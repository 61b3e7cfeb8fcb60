// CLI: `node -r ts-node/register/transpile-only sandbox/main.ts --port 0 [--state-file FILE]`.
// Prints one JSON line `{"endpoint": "..."}` on stdout once it accepts requests.
import { parseArgs } from 'node:util';

import { startSandbox } from './server';

const usage = `Usage: sandbox/main.ts [--port N] [--host H] [--state-file FILE] [--resource URL]
  [--token-ttl SECONDS] [--sso-fetch-retries N] [--sso-fetch-retry-delay-ms MS] [--generate-credentials]

M2M credentials come from LOGTO_SANDBOX_M2M_APP_ID and LOGTO_SANDBOX_M2M_APP_SECRET.
Without them, --generate-credentials makes random ones and prints them in the ready line.`;

const main = async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'state-file': { type: 'string' },
      resource: { type: 'string' },
      'token-ttl': { type: 'string' },
      'sso-fetch-retries': { type: 'string' },
      'sso-fetch-retry-delay-ms': { type: 'string' },
      'generate-credentials': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }

  const appId = process.env.LOGTO_SANDBOX_M2M_APP_ID;
  const appSecret = process.env.LOGTO_SANDBOX_M2M_APP_SECRET;
  const generate = !appId || !appSecret;
  if (generate && !values['generate-credentials']) {
    process.stderr.write(
      `LOGTO_SANDBOX_M2M_APP_ID and LOGTO_SANDBOX_M2M_APP_SECRET are required (or pass --generate-credentials).\n${usage}\n`
    );
    process.exitCode = 2;
    return;
  }

  const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const sandbox = await startSandbox({
    port: Number(values.port),
    host: values.host,
    stateFile: values['state-file'],
    resourceIndicator: values.resource,
    accessTokenTtlSeconds: optionalNumber(values['token-ttl']),
    ssoFetchRetries: optionalNumber(values['sso-fetch-retries']),
    ssoFetchRetryDelayMs: optionalNumber(values['sso-fetch-retry-delay-ms']),
    ...(generate ? {} : { appId, appSecret }),
  });

  const ready = generate
    ? { endpoint: sandbox.endpoint, appId: sandbox.appId, appSecret: sandbox.appSecret }
    : { endpoint: sandbox.endpoint };
  process.stdout.write(`${JSON.stringify(ready)}\n`);

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
