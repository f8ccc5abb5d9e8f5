namespace HlScalper.LocalExchange.Server;

/// <summary>The connected clients and what each subscribed to; publishing sends a message to every subscriber of a topic.</summary>
/// <remarks>Topics are strings: <c>l2Book:BTC</c>, <c>trades:BTC</c>, <c>bbo:BTC</c>, <c>orderUpdates:0x…</c>, <c>userFills:0x…</c>.</remarks>
public sealed class SessionHub
{
    private readonly Lock _lock = new();
    private readonly List<ClientSession> _sessions = [];

    public int Count
    {
        get
        {
            lock (_lock) return _sessions.Count;
        }
    }

    public static string MarketTopic(string channel, string coin) => $"{channel}:{coin}";

    public static string UserTopic(string channel, string user) => $"{channel}:{user.ToLowerInvariant()}";

    public void Add(ClientSession session)
    {
        lock (_lock) _sessions.Add(session);
    }

    public void Remove(ClientSession session)
    {
        lock (_lock) _sessions.Remove(session);
    }

    public bool Subscribe(ClientSession session, string topic)
    {
        lock (_lock) return session.AddTopic(topic);
    }

    public bool Unsubscribe(ClientSession session, string topic)
    {
        lock (_lock) return session.RemoveTopic(topic);
    }

    public bool HasSubscribers(string topic)
    {
        lock (_lock)
        {
            foreach (var session in _sessions)
                if (session.Has(topic)) return true;
            return false;
        }
    }

    public void Publish(string topic, byte[] message)
    {
        lock (_lock)
        {
            foreach (var session in _sessions)
                if (session.Has(topic)) session.Send(message);
        }
    }

    /// <summary>Drops every connection abruptly; returns how many there were.</summary>
    public int KickAll()
    {
        ClientSession[] all;
        lock (_lock) all = [.. _sessions];
        foreach (var session in all) session.Abort();
        return all.Length;
    }

    /// <summary>Drops clients that sent nothing since <paramref name="cutoffMs"/>.</summary>
    public int DropIdle(long cutoffMs)
    {
        ClientSession[] idle;
        lock (_lock) idle = [.. _sessions.Where(s => s.LastReceiveMs < cutoffMs)];
        foreach (var session in idle) session.Abort();
        return idle.Length;
    }
}
