"""The encrypted local store: SQLCipher under SQLAlchemy, keys, migrations, repositories."""
