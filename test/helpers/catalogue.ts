import type { Catalogue } from "../../src/core/catalogue.js";
import { loadCatalogue } from "../../src/io/catalogue.js";

let spryker: Catalogue | undefined;

/** The shipped Spryker catalogue, read once per test file. */
export function sprykerCatalogue(): Catalogue {
  spryker ??= loadCatalogue("spryker-cloud", ".").catalogue;
  return spryker;
}

/**
 * A team catalogue `ours` (test/boundary/): one category OPS, one phase `prep` from 60 to 30
 * days before go-live, so its items are overdue by 2027-02-20; `rest` follows (questions, items).
 */
export function teamCatalogue(rest: string): string {
  return `format: 1
name: ours
title: Our go-live checklist
version: "1"
categories:
  - { id: OPS, title: Operations }
phases:
  - { id: prep, title: Preparation, opens: -60, due: -30 }
${rest}`;
}

/** The catalogue's OPS-01 in `prep`, overdue, applying when `appliesWhen` holds. */
export function overdueItem(appliesWhen: string): string {
  return `  - id: OPS-01
    category: OPS
    phase: prep
    title: Overdue and applying
    summary: The gate must see it.
    appliesWhen: ${appliesWhen}
`;
}

/** A golive.yaml tracking `ours.yaml` (teamCatalogue), going live 2027-03-01. */
export const TEAM_STATE = "golive: 1\ncatalogue:\n  path: ours.yaml\ngoLive: 2027-03-01\n";
