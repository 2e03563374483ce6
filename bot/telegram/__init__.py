"""Telegram front end (python-telegram-bot v22): `python -m bot run` lives in `bot.telegram.app`."""
