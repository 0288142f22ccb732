"""Create the PostgreSQL database named by DATABASE_URL if it does not exist yet."""

import os
import sys

import environ
import psycopg
from psycopg import sql

config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
if "postgresql" not in config["ENGINE"]:
    sys.exit(0)
name = config["NAME"]
with psycopg.connect(
    host=config["HOST"] or "127.0.0.1",
    port=config["PORT"] or 5432,
    user=config["USER"] or "postgres",
    password=config["PASSWORD"] or None,
    dbname="postgres",
    autocommit=True,
) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"created database {name}")
