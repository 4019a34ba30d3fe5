/**
 * Scheduled jobs: Jenkins (config/Zed/cronjobs/jenkins.php) or the Symfony scheduler
 * (SymfonySchedulerConfig.php, whose jobs Jenkins runs through the compiled-cron-scheduler).
 */

import type { Facts } from "./facts.js";
import { lineOf, statements, stripPhpComments } from "./php-config.js";

export interface ScheduledJob {
  file: string;
  line: number;
  via: "jenkins" | "symfony-scheduler";
  enabled: boolean;
}

function scheduleFiles(facts: Facts): { file: string; via: ScheduledJob["via"] }[] {
  return [
    ...facts.matching("config/Zed/cronjobs/*.php").map((file) => ({
      file,
      via: "jenkins" as const,
    })),
    ...facts.matching("src/**/SymfonySchedulerConfig.php").map((file) => ({
      file,
      via: "symfony-scheduler" as const,
    })),
  ];
}

/** The `[ ... ]` around `offset` in `text`: the job's settings. */
function enclosingArray(text: string, offset: number): { start: number; end: number } | undefined {
  let depth = 0;
  let start = -1;
  for (let i = offset; i >= 0; i--) {
    const c = text[i];
    if (c === "]") depth++;
    else if (c === "[") {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  if (start === -1) return undefined;
  depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return { start, end: i + 1 };
  }
  return undefined;
}

/** Where `command` is scheduled, enabled ones first; comments do not count. */
export function scheduled(facts: Facts, command: string): ScheduledJob | undefined {
  const re = new RegExp(`\\b${command.replace(/[:.]/g, "\\$&")}(?![\\w:-])`, "g");
  let disabled: ScheduledJob | undefined;
  for (const { file, via } of scheduleFiles(facts)) {
    const text = facts.text(file);
    if (text === undefined) continue;
    const lines = stripPhpComments(text)
      .split("\n")
      .map((code, i) => ({ file, line: i + 1, code }));
    for (const st of statements(lines)) {
      // One job per `$jobs[] = [...]`, or per `'name' => [...]` entry of the scheduler's list.
      for (const m of st.text.matchAll(re)) {
        const job = enclosingArray(st.text, m.index);
        const body = job ? st.text.slice(job.start, job.end) : st.text;
        const enabled = !/['"]enable['"]\s*=>\s*false/.test(body);
        const found = { file, line: lineOf(st, m.index), via, enabled };
        if (enabled) return found;
        disabled ??= found;
      }
    }
  }
  return disabled;
}
