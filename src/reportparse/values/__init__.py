"""Printed values made comparable: text normalisation, numbers and Japanese dates."""
