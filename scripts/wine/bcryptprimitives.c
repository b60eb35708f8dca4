/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for make dist-check.
 * NEVER ship it: real Windows 10 and 11 have the DLL.
 *
 * The Go runtime (1.22 and later) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which Debian 12's wine 8.0 does not have, so every Go
 * program stops with "bcryptprimitives.dll not found". This DLL exports
 * ProcessPrng and fills the buffer with RtlGenRandom (advapi32's
 * SystemFunction036), which wine does have. scripts/dist-check.sh builds it
 * with x86_64-w64-mingw32-gcc into a throwaway wine prefix's system32 and
 * runs wine with WINEDLLOVERRIDES=bcryptprimitives=n.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
