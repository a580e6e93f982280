/* cfitsio_info: reports what the libcfitsio this program loads was built as, one key=value per line.
 *   version=4.2.0      the loaded library's version (ffvers), as MAJOR.MINOR.MICRO
 *   ffvers=4.020       ffvers itself, formatted %.3f
 *   header=4.2.0       CFITSIO_MAJOR.MINOR.MICRO of the fitsio.h this program was compiled against
 *   reentrant=1        fits_is_reentrant()
 * Exits 1 when the loaded library and the header disagree on the version. */
#include <math.h>
#include <stdio.h>

#include "fitsio.h"

int main(void)
{
    float v = 0.0f;
    fits_get_version(&v);

    /* ffvers encodes MAJOR + MINOR/100 + MICRO/10000. */
    int major = (int)v;
    int minor = (int)lround((v - major) * 100.0);
    int micro = (int)lround((v - major - minor / 100.0) * 10000.0);

    printf("version=%d.%d.%d\n", major, minor, micro);
    printf("ffvers=%.3f\n", v);
    printf("header=%d.%d.%d\n", CFITSIO_MAJOR, CFITSIO_MINOR, CFITSIO_MICRO);
    printf("reentrant=%d\n", fits_is_reentrant());

    if (major != CFITSIO_MAJOR || minor != CFITSIO_MINOR || micro != CFITSIO_MICRO) {
        fprintf(stderr, "cfitsio_info: loaded library %d.%d.%d differs from header %d.%d.%d\n",
                major, minor, micro, CFITSIO_MAJOR, CFITSIO_MINOR, CFITSIO_MICRO);
        return 1;
    }
    return 0;
}
