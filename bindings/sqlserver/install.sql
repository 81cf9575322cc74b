-- install.sql: installs libdpop's SQL Server CLR functions dbo.DpopGet, dbo.DpopRequest and
-- dbo.DpopVersion.
-- SQL Server 2017 or later on Windows (SQL Server on Linux runs SAFE assemblies only).
--
-- Before running it:
--   1. Build LibDpopSql.dll (bindings/sqlserver/README.md) and copy it to the server.
--   2. Put dpop.dll where sqlservr.exe finds it, e.g. the instance's Binn folder
--      (C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn).
--   3. Set the path of LibDpopSql.dll on the server below, then run this script in the database
--      that should hold the functions, with sqlcmd or in SSMS's SQLCMD mode:
--        sqlcmd -S myserver -d mydb -i install.sql
-- The SQL Server service account must be able to read LibDpopSql.dll and the key files.

:setvar LibDpopSqlDll "C:\libdpop\LibDpopSql.dll"

-- 1. Enable CLR integration (server-wide).
EXEC sp_configure 'clr enabled', 1;
RECONFIGURE;
GO

-- 2. Trust the assembly: since SQL Server 2017 "clr strict security" requires every assembly to
--    be signed or listed in sys.trusted_assemblies by the SHA-512 hash of the DLL file. Here the
--    hash is computed from the file itself. To compute it elsewhere:
--      PowerShell:  (Get-FileHash -Algorithm SHA512 LibDpopSql.dll).Hash
--      Linux/macOS: sha512sum LibDpopSql.dll    (scripts/bindings-check.sh prints it too)
--      T-SQL:       SELECT HASHBYTES('SHA2_512', BulkColumn) FROM OPENROWSET(BULK N'...', SINGLE_BLOB) AS f;
--    and pass it as a binary literal: EXEC sys.sp_add_trusted_assembly @hash = 0x<128 hex digits>, ...
--    A rebuilt DLL has another hash: remove the old one with sys.sp_drop_trusted_assembly.
DECLARE @hash varbinary(64) =
    (SELECT HASHBYTES('SHA2_512', BulkColumn) FROM OPENROWSET(BULK N'$(LibDpopSqlDll)', SINGLE_BLOB) AS dll);
IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE hash = @hash)
    EXEC sys.sp_add_trusted_assembly @hash = @hash,
        @description = N'libdpopsql, version=0.0.0.0, culture=neutral, publickeytoken=null, processorarchitecture=msil';
GO

-- 3. The assembly (UNSAFE: it calls into dpop.dll) and its entry points.
IF OBJECT_ID(N'dbo.DpopRequest', N'PC') IS NOT NULL DROP PROCEDURE dbo.DpopRequest;
IF OBJECT_ID(N'dbo.DpopVersion', N'FS') IS NOT NULL DROP FUNCTION dbo.DpopVersion;
IF OBJECT_ID(N'dbo.DpopGet', N'FS') IS NOT NULL DROP FUNCTION dbo.DpopGet;
IF EXISTS (SELECT 1 FROM sys.assemblies WHERE name = N'LibDpopSql') DROP ASSEMBLY LibDpopSql;
GO
CREATE ASSEMBLY LibDpopSql FROM N'$(LibDpopSqlDll)' WITH PERMISSION_SET = UNSAFE;
GO

-- The body of a DPoP-protected GET, or NULL on failure.
CREATE FUNCTION dbo.DpopGet(@keyPath nvarchar(4000), @keyPassword nvarchar(4000), @authJson nvarchar(max),
    @url nvarchar(4000))
RETURNS nvarchar(max)
AS EXTERNAL NAME LibDpopSql.[LibDpop.DpopSql].DpopGet;
GO

-- The same GET with the HTTP status (0 if no response arrived), the body (also of an error
-- status), the reason for a failure in words (NULL on success) and as a number to branch on
-- (@errorCode: 0 on success, else one of the error codes of dpop.h, which never change):
--    0 = DPOP_OK
--    1 = DPOP_ERR_INVALID_ARGUMENT
--    2 = DPOP_ERR_INVALID_HANDLE
--    3 = DPOP_ERR_INVALID_STATE
--    4 = DPOP_ERR_KEY
--    5 = DPOP_ERR_JSON
--    6 = DPOP_ERR_NOT_FOUND
--    7 = DPOP_ERR_IO
--    8 = DPOP_ERR_NETWORK
--    9 = DPOP_ERR_TLS
--   10 = DPOP_ERR_TIMEOUT
--   11 = DPOP_ERR_HTTP_STATUS
--   12 = DPOP_ERR_OAUTH
--   13 = DPOP_ERR_PROTOCOL
--   14 = DPOP_ERR_UNSUPPORTED
--   15 = DPOP_ERR_INTERNAL
CREATE PROCEDURE dbo.DpopRequest @keyPath nvarchar(4000), @keyPassword nvarchar(4000), @authJson nvarchar(max),
    @url nvarchar(4000), @status int OUTPUT, @body nvarchar(max) OUTPUT, @error nvarchar(max) OUTPUT,
    @errorCode int OUTPUT
AS EXTERNAL NAME LibDpopSql.[LibDpop.DpopSql].DpopRequest;
GO

-- The version of the loaded dpop.dll ("MAJOR.MINOR.PATCH").
CREATE FUNCTION dbo.DpopVersion()
RETURNS nvarchar(20)
AS EXTERNAL NAME LibDpopSql.[LibDpop.DpopSql].DpopVersion;
GO

-- 4. Example: Chilkat's "DPoP with OAuth2 client credentials" sample with these functions.
CREATE OR ALTER PROCEDURE dbo.DpopSample
AS
BEGIN
    -- Your ECDSA private key (keys used with DPoP are always EC keys, not RSA), readable by the
    -- SQL Server service account. The password is '' (or NULL) for an unencrypted key.
    DECLARE @keyPath nvarchar(4000) = N'C:\qa_data\pem\ecc_privKey.pem'

    DECLARE @tokenEndpoint nvarchar(4000) = N'https://demo.duendesoftware.com/connect/token'
    DECLARE @apiEndpoint nvarchar(4000) = N'https://demo.duendesoftware.com/api/dpop/test'

    -- Provide the details needed to automatically fetch the access token
    -- using the client_credentials OAuth2 flow.
    DECLARE @json nvarchar(max) = N'{}'
    SET @json = JSON_MODIFY(@json, '$.client_secret', N'secret')
    SET @json = JSON_MODIFY(@json, '$.client_id', N'm2m.dpop')
    SET @json = JSON_MODIFY(@json, '$.token_endpoint', @tokenEndpoint)
    SET @json = JSON_MODIFY(@json, '$.scope', N'api')

    -- The first request fetches an access token from the token endpoint; the GET then carries
    --   Authorization: DPoP <access_token>
    --   DPoP: <new JWT signed with the key>
    -- The token is cached in the SQL Server process and reused by later calls (with the same
    -- client and key) until it is about to expire; then a new one is fetched automatically.
    DECLARE @statusCode int
    DECLARE @resp nvarchar(max)
    DECLARE @error nvarchar(max)
    DECLARE @errorCode int
    EXEC dbo.DpopRequest @keyPath, N'', @json, @apiEndpoint, @statusCode OUTPUT, @resp OUTPUT, @error OUTPUT,
        @errorCode OUTPUT
    IF @error IS NOT NULL
    BEGIN
        -- @errorCode tells, e.g., a network failure (8) worth retrying later from a refused client (12).
        PRINT @error
        RETURN
    END

    PRINT 'response status code = ' + CAST(@statusCode AS nvarchar(10))
    PRINT @resp

    -- Or in a query:
    SELECT dbo.DpopGet(@keyPath, N'', @json, @apiEndpoint) AS body
END
GO
