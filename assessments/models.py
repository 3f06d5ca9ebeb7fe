"""Quizzes: questions, attempts and scoring."""
