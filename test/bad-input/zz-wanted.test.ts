import { provider as conn } from "../../resources/connector/provider";
import { provider as sso } from "../../resources/sso-connector/provider";
import { provider as sie } from "../../resources/sign-in-experience/provider";
import { resourceBatches } from "../../test/bad-input/cases";
import { inputsOf, fillSecrets } from "../../test/bad-input/harness";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../program/config";
test("print", async () => {
  const providers: any = { Connector: conn, SsoConnector: sso, SignInExperience: sie };
  for (const b of resourceBatches) for (const c of b.cases) if (c.wanted && providers[b.kind]) {
    const news: any = fillSecrets(inputsOf(b.baseline, [c]));
    if (b.kind === "Connector") { news.connectorId = "x"; news.callbackUrl = "http://e/callback/x"; }
    const r = await providers[b.kind].check({}, news);
    console.log(c.title, JSON.stringify(r.failures));
  }
});
