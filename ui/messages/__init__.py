"""Inbound texts: the Messages list, the Needs review queue, message-log imports."""
