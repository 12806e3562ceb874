"""Operations across layers used by the CLI and the pages: importing files into a diary, pooled Parquet/Dask."""
