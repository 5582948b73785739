"""Appointments at the integrated window (综合窗口 现场预约)."""
