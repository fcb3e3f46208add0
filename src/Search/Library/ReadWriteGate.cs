namespace Cbvr.Search.Library;

/// <summary>
/// A readers-writer gate without thread affinity (unlike <see cref="ReaderWriterLockSlim"/>): a read view may be taken on one
/// thread and released on another, as happens across <c>await</c>s. Waiting writers hold new readers back.
/// </summary>
internal sealed class ReadWriteGate
{
    private readonly object _sync = new();
    private int _readers;
    private int _waitingWriters;
    private bool _writing;

    public void EnterRead()
    {
        lock (_sync)
        {
            while (_writing || _waitingWriters > 0)
            {
                Monitor.Wait(_sync);
            }

            _readers++;
        }
    }

    public void ExitRead()
    {
        lock (_sync)
        {
            if (--_readers == 0)
            {
                Monitor.PulseAll(_sync);
            }
        }
    }

    public void EnterWrite()
    {
        lock (_sync)
        {
            _waitingWriters++;
            while (_writing || _readers > 0)
            {
                Monitor.Wait(_sync);
            }

            _waitingWriters--;
            _writing = true;
        }
    }

    public void ExitWrite()
    {
        lock (_sync)
        {
            _writing = false;
            Monitor.PulseAll(_sync);
        }
    }
}
