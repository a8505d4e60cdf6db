"""A stand-in Core Atlas peer: Python's SimpleXMLRPCServer (what Blockstack Core used), answering with one JSON
string per method like Core's rpc_* handlers. argv: port-file, then zone files as hex (the ones it holds),
then '--', then the on-chain slot hashes in order. Prints its port to port-file and serves until killed."""
import base64, hashlib, json, sys
from xmlrpc.server import SimpleXMLRPCServer, SimpleXMLRPCRequestHandler

def hash160(b):
    return hashlib.new('ripemd160', hashlib.sha256(b).digest()).hexdigest()

args = sys.argv[2:]
sep = args.index('--')
held = {}
for h in args[:sep]:
    b = bytes.fromhex(h)
    held[hash160(b)] = b
slots = args[sep + 1:]
inv = bytearray((len(slots) + 7) // 8)
for i, h in enumerate(slots):
    if h in held:
        inv[i // 8] |= 0x80 >> (i % 8)

class Handler(SimpleXMLRPCRequestHandler):
    rpc_paths = ('/', '/RPC2')
    def log_message(self, *a):
        pass

srv = SimpleXMLRPCServer(('127.0.0.1', 0), requestHandler=Handler, allow_none=True, logRequests=False)
ok = lambda d: json.dumps(dict(status=True, indexing=False, lastblock=100, **d))
srv.register_function(lambda: json.dumps({'status': 'alive', 'version': '21.0.0.0'}), 'ping')
srv.register_function(lambda: json.dumps({'last_block_seen': 100, 'consensus': 'a' * 32, 'server_version': '21.0.0.0',
    'last_block_processed': 100, 'server_alive': True, 'indexing': False, 'testnet': False, 'first_block': 373601,
    'zonefile_count': len(slots) + 1}), 'getinfo')
srv.register_function(lambda off, ln: ok({'inv': base64.b64encode(bytes(inv[off:off + ln])).decode()}), 'get_zonefile_inventory')
srv.register_function(lambda hs: ok({'zonefiles': {h: base64.b64encode(held[h]).decode() for h in hs if h in held}}), 'get_zonefiles')
srv.register_function(lambda: ok({'peers': []}), 'get_atlas_peers')
srv.register_function(lambda p: ok({'peers': []}), 'atlas_peer_exchange')
with open(sys.argv[1], 'w') as f:
    f.write(str(srv.server_address[1]))
srv.serve_forever()
