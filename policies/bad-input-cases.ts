/**
 * The bad-input catalogue's cases (policies/bad-input-catalogue.test.ts): one per class of
 * hostile or mistaken input that issue 10 found accepted, hung or crashed on, with the exit
 * code `readyspec validate` (or `run`) must give and the head of its message. The tables live
 * in policies/bad-input/, one file per class.
 */
import { addressCases } from './bad-input/addresses.ts';
import type { Case } from './bad-input/case.ts';
import { environmentCases } from './bad-input/environment.ts';
import { hostileFileCases } from './bad-input/hostile-files.ts';
import { paramsSemanticsCases } from './bad-input/params-semantics.ts';
import { paramsSyntaxCases } from './bad-input/params-syntax.ts';
import { rubricWaiverCases } from './bad-input/rubric-waivers.ts';
import { vanishedCases } from './bad-input/vanished.ts';

export type { Case } from './bad-input/case.ts';

export const badInputCases: Case[] = [
  ...vanishedCases,
  ...hostileFileCases,
  ...rubricWaiverCases,
  ...addressCases,
  ...paramsSyntaxCases,
  ...paramsSemanticsCases,
  ...environmentCases,
];
