"""Human handoff: staff take over a chat, answer on its channel, and hand it back."""
