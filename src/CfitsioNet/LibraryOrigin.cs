namespace CfitsioNet;

/// <summary>Where the CFITSIO shared library in use came from.</summary>
public enum LibraryOrigin
{
    /// <summary>The copy shipped with the application (the CfitsioNet.Native package or a file next to the program).</summary>
    Bundled,

    /// <summary>A CFITSIO installed on the system (for example Debian's <c>libcfitsio10</c>).</summary>
    System,

    /// <summary>The file named by the <c>CFITSIONET_LIBRARY</c> environment variable.</summary>
    Override,
}
