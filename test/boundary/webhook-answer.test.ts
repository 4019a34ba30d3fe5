/**
 * Issue 18, the network: what a chat service answers to a refused post is shown cut short,
 * with no part of the webhook URL in it. The URL is the credential, and a service (or a proxy
 * in front of it) may echo any piece of it: Slack's token is the path's last segment, a Teams
 * workflow's signature the `sig` query value.
 */
import { describe, expect, it } from "vitest";
import { answerShown } from "../../src/io/webhook.js";

const SLACK = "https://hooks.slack.com/services/T0001/B0002/XyZsecretTOKEN123";
const TEAMS =
  "https://prod-07.westeurope.logic.azure.com:443/workflows/0a1b2c3d4e/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Sig-Secret-Value_42";

describe("a refusal's answer never holds a piece of the webhook URL", () => {
  it.each([
    ["Slack's token alone", SLACK, "invalid_token: XyZsecretTOKEN123", "XyZsecretTOKEN123"],
    ["Slack's path", SLACK, "no route for /services/T0001/B0002/XyZsecretTOKEN123", "XyZsecret"],
    [
      "the Teams signature alone",
      TEAMS,
      "signature 'Sig-Secret-Value_42' is invalid",
      "Sig-Secret",
    ],
    ["the Teams query", TEAMS, `bad query: ${TEAMS.split("?")[1]}`, "Sig-Secret"],
    ["a decoded query value", TEAMS, "sp=/triggers/manual/run not allowed", "/triggers/manual/run"],
    ["the whole URL", TEAMS, `POST ${TEAMS} failed`, "Sig-Secret"],
  ])("%s", (_, url, said, secret) => {
    const shown = answerShown(said, url);
    expect(shown).not.toContain(secret);
    expect(shown).toContain("<webhook>");
  });

  it("the rest of the answer stays", () => {
    expect(answerShown("channel_not_found", SLACK)).toBe("channel_not_found");
  });
});
