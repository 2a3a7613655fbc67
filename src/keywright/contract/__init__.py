"""Contract testing with schemathesis: our servers in-process, or any deployment by URL,
always judged by our specs. Import from the modules (`keywright.contract.runner`, `.suite`,
`.credentials`, `.config`): this package imports nothing, so reading credential options does
not load schemathesis."""
