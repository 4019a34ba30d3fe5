/**
 * Issue 18: a remote URL's user info (`https://x-access-token:ghp_...@host/...`) never appears
 * in any format of `golive portfolio`.
 */
import { describe, expect, it } from "vitest";
import { withoutUserInfo } from "../../src/core/links.js";
import { golive, tempRepo } from "../helpers/cli.js";

const TOKEN = "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";

describe("a remote with a token in its URL", () => {
  it("is shown without its user info in text, JSON, HTML, Markdown and CSV", async () => {
    const cwd = tempRepo();
    // Port 1 refuses at once: the row is an error row, which quotes git's message too.
    const url = `https://x-access-token:${TOKEN}@127.0.0.1:1/shop.git#main`;
    let all = "";
    for (const format of [
      [],
      ["--json"],
      ["--format", "html"],
      ["--format", "markdown"],
      ["--format", "csv"],
    ]) {
      const r = await golive(cwd, ["portfolio", url, ...format], { GOLIVE_TODAY: "2027-01-04" });
      expect(r.stderr).not.toContain("internal error");
      all += r.stdout + r.stderr;
    }
    expect(all).toContain("https://127.0.0.1:1/shop.git#main");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain("x-access-token");
  });

  it("withoutUserInfo cuts user and password, keeps the rest", () => {
    expect(withoutUserInfo(`fatal: unable to access 'https://u:${TOKEN}@h/x/': refused`)).toBe(
      "fatal: unable to access 'https://h/x/': refused",
    );
    expect(withoutUserInfo("git@github.com:org/repo.git")).toBe("git@github.com:org/repo.git");
  });

  it("withoutUserInfo cuts up to the last '@' before the host, as URL parsing does: a raw '@' in a password", () => {
    const url = "https://u:p@ss@host/x";
    expect(new URL(url).host).toBe("host");
    expect(withoutUserInfo(`fatal: '${url}': refused`)).toBe("fatal: 'https://host/x': refused");
    expect(withoutUserInfo("https://u:a@b@c@host:8443/x?to=me@there")).toBe(
      "https://host:8443/x?to=me@there",
    );
    // The host's own part and what follows the URL stay as they are.
    expect(withoutUserInfo("https://host/a@b and ssh://me@box/r")).toBe(
      "https://host/a@b and ssh://box/r",
    );
  });
});
