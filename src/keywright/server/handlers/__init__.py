"""Operation handlers of the reference server, one module per API, resolved by operationId."""
