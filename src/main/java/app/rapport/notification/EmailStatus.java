package app.rapport.notification;

/** Where an email stands in the outbox. */
public enum EmailStatus {

	/** Waiting for its (next) attempt. */
	PENDING,
	/** Claimed by a dispatcher and being sent right now. */
	SENDING,
	/** Accepted by the mail server (or the developer mailbox). */
	SENT,
	/** Given up after the last attempt, or refused for good; an admin can retry it. */
	FAILED

}
