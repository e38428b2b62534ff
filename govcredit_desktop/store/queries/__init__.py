"""Read models: what the ledger window, the reports and (later) the dashboard
show, as plain rows and dataclasses.  Each function takes the open Database."""
