/** The workshop section provides one WorkshopClient to every workshop screen below it. */
import { createContext } from 'svelte';
import type { WorkshopClient } from './client.svelte.ts';

export const [getWorkshop, setWorkshop] = createContext<WorkshopClient>();
