"""Doctor checks: objects with an id, a title, what they need, and run(ctx, facts) -> CheckResult."""
