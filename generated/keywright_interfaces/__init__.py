"""API interfaces generated from specs/ by `keywright generate`. Do not edit: implement them (keywright.apis)."""
