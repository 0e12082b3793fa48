"""Every read of the supervision app takes the acting user and goes through the access resolver."""
