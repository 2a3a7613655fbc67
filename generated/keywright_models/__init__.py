"""Pydantic v2 models generated from specs/ by `keywright generate`. Do not edit."""
