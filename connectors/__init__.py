"""Channels: Telegram, the web chat socket and the Rasa REST channel."""
