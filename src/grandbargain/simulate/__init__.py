"""Simulated negotiations: protocols, strategies, agendas and tournaments."""
