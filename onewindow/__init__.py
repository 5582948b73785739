"""OneWindow (一窗通): the conversational front desk of an administrative service center."""
