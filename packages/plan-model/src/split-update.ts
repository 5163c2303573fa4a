/**
 * Splits a Yjs update (format v1) into smaller updates that, applied in order, have the same effect
 * (SYNC-1). The server refuses a websocket message over 2 MiB; a large local change (an import, a paste
 * of many rows) would otherwise be refused whole and resent forever. The client sends the pieces instead.
 *
 * A piece holds consecutive structs of one client (in clock order), so everything a struct refers to (its
 * left and right origins, its parent) is in the document already or in an earlier piece: each piece
 * applies on its own, in order. The delete set goes with the last piece, when every struct it may name
 * exists. A single struct larger than the limit (one huge string) stays whole: it cannot be split
 * without changing what the update means.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** Encodes `groups` (consecutive structs of one client each) and `ds` as one v1 update. */
function encodePiece(groups: Struct[][], ds: DeleteSet | null): Uint8Array {
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, groups.length);
	for (const group of groups) {
		encoding.writeVarUint(encoder.restEncoder, group.length);
		encoder.writeClient(group[0]!.id.client);
		encoding.writeVarUint(encoder.restEncoder, group[0]!.id.clock);
		for (const struct of group) struct.write(encoder, 0);
	}
	const clients = ds ? [...ds.clients.entries()] : [];
	encoding.writeVarUint(encoder.restEncoder, clients.length);
	for (const [client, items] of clients) {
		encoder.resetDsCurVal();
		encoding.writeVarUint(encoder.restEncoder, client);
		encoding.writeVarUint(encoder.restEncoder, items.length);
		for (const item of items) {
			encoder.writeDsClock(item.clock);
			encoder.writeDsLen(item.len);
		}
	}
	return encoder.toUint8Array();
}

/** Bytes one struct takes in an update, about (its own encoding, without the piece's header). */
function structBytes(struct: Struct): number {
	return encodePiece([[struct]], null).byteLength;
}

/**
 * `update` as pieces of at most about `maxBytes` each (SYNC-1); `[update]` when it already fits. Applying
 * the pieces in order gives the same document as applying `update`.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
	if (update.byteLength <= maxBytes) return [update];
	const { structs, ds } = Y.decodeUpdate(update);
	// Room for the piece's header and for the delete set, which goes with the last piece.
	const budget = Math.max(1, maxBytes - encodePiece([], ds).byteLength - 64);
	const pieces: Uint8Array[] = [];
	let groups: Struct[][] = [];
	let size = 0;
	for (const struct of structs) {
		const bytes = structBytes(struct);
		// A piece names each client once, with consecutive clocks.
		const group = groups.find((g) => g[0]!.id.client === struct.id.client);
		const last = group?.at(-1);
		const follows = !last || last.id.clock + last.length === struct.id.clock;
		if (size > 0 && (size + bytes > budget || !follows)) {
			pieces.push(encodePiece(groups, null));
			groups = [];
			size = 0;
		}
		const open = groups.find((g) => g[0]!.id.client === struct.id.client);
		if (open) open.push(struct);
		else groups.push([struct]);
		size += bytes;
	}
	pieces.push(encodePiece(groups, ds));
	return pieces;
}
