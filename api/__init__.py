"""The FastAPI application: chat endpoints, pages, health and metrics."""
