"""The conversation: gateway, brains (embedded and Rasa), custom actions and services."""
