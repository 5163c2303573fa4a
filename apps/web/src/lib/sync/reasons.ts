/** The sentence for each reason the server gives when it refuses the sync connection. */
import { CLOSE_REASONS } from '@cap/protocol';
import * as m from '#lib/paraglide/messages.js';

export function refusalSentence(reason: string): string {
	switch (reason) {
		case CLOSE_REASONS.tokenInvalid:
			return m.reason_token_invalid();
		case CLOSE_REASONS.tokenExpired:
			return m.reason_token_expired();
		case CLOSE_REASONS.wrongPlan:
			return m.reason_wrong_plan();
		case CLOSE_REASONS.unknownDocument:
			return m.reason_unknown_document();
		case CLOSE_REASONS.planNotFound:
			return m.reason_plan_not_found();
		case CLOSE_REASONS.readOnly:
			return m.reason_read_only();
		case CLOSE_REASONS.commentOnly:
			return m.cmt_reason_comment_only();
		case CLOSE_REASONS.badMessage:
			return m.reason_bad_message();
		case CLOSE_REASONS.notWritable:
			return m.reason_not_writable();
		case CLOSE_REASONS.outOfSync:
			return m.reason_out_of_sync();
		case CLOSE_REASONS.planTooLarge:
			return m.reason_plan_too_large();
		case CLOSE_REASONS.tooManyConnections:
			return m.reason_too_many_connections();
		case CLOSE_REASONS.rateLimited:
			return m.reason_rate_limited();
		case CLOSE_REASONS.presenceTooLarge:
			return m.reason_presence_too_large();
		case CLOSE_REASONS.storeFailed:
			return m.reason_store_failed();
		case CLOSE_REASONS.authTimeout:
			return m.reason_auth_timeout();
		case CLOSE_REASONS.preauthTooLarge:
			return m.reason_preauth_too_large();
		default:
			return m.reason_unknown({ reason });
	}
}
