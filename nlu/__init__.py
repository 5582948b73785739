"""Language understanding: Rasa NLU training data, pipeline config and the embedded classifier."""
