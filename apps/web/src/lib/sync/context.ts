/** The plan shell provides its PlanSync to every section below it. */
import { createContext } from 'svelte';
import type { PlanSync } from './plan.svelte.ts';

export const [getPlanSync, setPlanSync] = createContext<PlanSync>();
