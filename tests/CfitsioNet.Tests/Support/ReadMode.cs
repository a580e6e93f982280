namespace CfitsioNet.Tests.Support;

/// <summary>The ways <see cref="ImageHdu"/> can deliver pixels; every image test runs in each.</summary>
public enum ReadMode
{
    /// <summary><c>Read&lt;T&gt;(Span&lt;T&gt;)</c> into an array the test owns.</summary>
    Span,

    /// <summary><c>Read&lt;T&gt;(NativeBuffer&lt;T&gt;)</c>, reading twice into the same buffer.</summary>
    NativeBufferReused,

    /// <summary><c>Read&lt;T&gt;()</c>: a new array.</summary>
    NewArray,

    /// <summary><c>ReadPinned&lt;T&gt;()</c>: a new array on the pinned object heap.</summary>
    Pinned,

    /// <summary><c>ReadNative&lt;T&gt;()</c>: a new, shaped <see cref="NativeBuffer{T}"/>.</summary>
    Native,
}
