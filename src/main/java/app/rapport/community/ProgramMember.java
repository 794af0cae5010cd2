package app.rapport.community;

import java.time.Instant;

import app.rapport.shared.AccountId;

/** A person in a program, as Manage users lists them. */
public record ProgramMember(AccountId accountId, String name, String email, ProgramRole role, Instant joinedAt) {
}
