@echo off
python -m waitress --port=8080 app:app
