/* Test fixture for scripts/windows-test.sh under Wine: adds a PEM CA certificate to the Windows
 * LocalMachine "Root" store, as `certutil -addstore Root ca.pem` or a group policy would, to find
 * out whether libdpop trusts what Windows trusts.
 *
 * usage: root_store CA_PEM_FILE
 */
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>

static BYTE pem[65536], der[65536];

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s CA_PEM_FILE\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    size_t pem_len = file ? fread(pem, 1, sizeof pem - 1, file) : 0;
    if (file) fclose(file);
    DWORD der_len = sizeof der;
    if (!pem_len || !CryptStringToBinaryA((const char *)pem, (DWORD)pem_len, CRYPT_STRING_BASE64HEADER, der, &der_len, NULL, NULL)) {
        fprintf(stderr, "root_store: cannot read a PEM certificate from %s\n", argv[1]);
        return 1;
    }
    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, L"Root");
    if (!store) {
        fprintf(stderr, "root_store: cannot open the LocalMachine Root store (error %lu)\n", GetLastError());
        return 1;
    }
    BOOL added = CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, der_len, CERT_STORE_ADD_REPLACE_EXISTING, NULL);
    if (!added) fprintf(stderr, "root_store: adding the certificate failed (error %lu)\n", GetLastError());
    CertCloseStore(store, 0);
    return added ? 0 : 1;
}
