"""Flask service that the multistage example installs from a wheel."""
