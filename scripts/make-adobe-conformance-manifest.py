#!/usr/bin/env python3
"""Writes Tests/InletEmulatorTests/Conformance/adobe-collections.json: the in-scope requests of Adobe's
Postman collections (copied from the collection files), the seed's bodies for their placeholders, the
answers Adobe's OpenAPI specs document, and the setup steps around them.

    scripts/make-adobe-conformance-manifest.py [COLLECTIONS_DIR]     (default ../shared/reference/adobe-postman)

scripts/replay-adobe-collections.py replays the file against `serve`; AdobeConformanceTests in process.
"""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
D = (sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "reference", "adobe-postman")) + "/"
cols={}
def load(f):
    d=json.load(open(D+f)); out={}
    def walk(items):
        for it in items:
            if 'item' in it: walk(it['item']); continue
            out.setdefault(it['name'], it['request'])
    walk(d['item']); cols[f]=out
for f in ['Flow Service API.postman_collection.json','Data Prep API.postman_collection.json','Mapping Service API Resource.postman_collection.json','Catalog Service API.postman_collection.json','Schema Registry API.postman_collection.json','Check_Streaming_to_Profile.json']: load(f)

def req(col, name):
    r=cols[col][name]
    u=r['url']; raw=u['raw'] if isinstance(u,dict) else u
    headers=[[h['key'],h['value']] for h in r.get('header',[]) if not h.get('disabled')]
    body=(r.get('body') or {}).get('raw')
    return {"method": r['method'], "url": raw, "headers": headers, "body": body}

FS='Flow Service API.postman_collection.json'; DP='Data Prep API.postman_collection.json'; MS='Mapping Service API Resource.postman_collection.json'
CAT='Catalog Service API.postman_collection.json'; SR='Schema Registry API.postman_collection.json'; ST='Check_Streaming_to_Profile.json'

seed_source={"name":"Streaming Source Connection for Pendo","providerId":"521eee4d-8cbe-4906-bb48-fb6bd4450033","description":"Streaming Source Connection for Pendo","connectionSpec":{"id":"6ff5654f-19d5-427d-bd3e-c0ebc802389a","version":"1.0"},"data":{"format":"json"}}
seed_target={"name":"Streaming Target Connection for Pendo","description":"Streaming Target Connection for Pendo","connectionSpec":{"id":"c604ff05-7f1a-43c0-8e18-33bf874cb11c","version":"1.0"},"data":{"format":"json","schema":{"id":"{{SCHEMA_URL}}","version":"application/vnd.adobe.xed-full+json;version=1"}},"params":{"dataSetId":"{{DATASET_ID}}"}}
seed_mapping={"outputSchema":{"schemaRef":{"id":"{{SCHEMA_URL}}","contentType":"application/vnd.adobe.xed-full+json;version=1"}},"mappings":[
 {"destinationXdmPath":"_extconndev.accountid","sourceAttribute":"accountId","identity":False,"version":0},
 {"destinationXdmPath":"_extconndev.uniqueid","sourceAttribute":"uniqueId","identity":False,"version":0},
 {"destinationXdmPath":"_extconndev.name1","sourceAttribute":"properties.guideProperties.name","identity":False,"version":0},
 {"destinationXdmPath":"_extconndev.timestamp1","sourceAttribute":"timestamp","identity":False,"version":0},
 {"destinationXdmPath":"_extconndev.visitorid","sourceAttribute":"visitorId","identity":False,"version":0}]}
seed_flow={"name":"Streaming Dataflow for Pendo","description":"Streaming Dataflow for Pendo","flowSpec":{"id":"e77fde5a-22a8-11ed-861d-0242ac120002","version":"1.0"},"sourceConnectionIds":["{{SOURCE_CONNECTION_ID}}"],"targetConnectionIds":["{{TARGET_CONNECTION_ID}}"],"transformations":[{"name":"Mapping","params":{"mappingId":"{{MAPPING_SET_ID}}","mappingVersion":0}}]}
seed_schema={"title":"Pendo events","type":"object","properties":{"_extconndev":{"type":"object","properties":{"accountid":{"type":"string"},"uniqueid":{"type":"string","minLength":1},"name1":{"type":"string"},"timestamp1":{"type":"string"},"visitorid":{"type":"string"}},"required":["uniqueid"]}},"required":["_extconndev"]}
seed_dataset={"name":"Pendo events","schemaRef":{"id":"{{SCHEMA_URL}}","contentType":"application/vnd.adobe.xed-full+json;version=1"}}
pendo_event={"type":"guideSeen","event":"guideSeen","uniqueId":"conformance-1","accountId":"acct-1","visitorId":"visitor-1","timestamp":1676875325841,"subscriptionId":"5","appId":"-323232","properties":{"guideProperties":{"id":"g1","name":"Welcome guide","stepId":"s1"}}}
http_connection={"name":"HTTP API streaming connection","description":"Unauthenticated HTTP API streaming connection","connectionSpec":{"id":"bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb","version":"1.0"},"auth":{"specName":"Streaming Connection","params":{"dataType":"xdm","name":"HTTP API streaming connection"}}}
http_source={"name":"HTTP API XDM source","description":"XDM messages","baseConnectionId":"{{CONNECTION_ID}}","connectionSpec":{"id":"bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb","version":"1.0"}}
http_target={"name":"HTTP API XDM target","description":"XDM messages to the data lake","connectionSpec":{"id":"c604ff05-7f1a-43c0-8e18-33bf874cb11c","version":"1.0"},"data":{"format":"json","schema":{"id":"{{SCHEMA_URL}}","version":"application/vnd.adobe.xed-full+json;version=1"}},"params":{"dataSetId":"{{DATASET_ID}}"}}
http_flow={"name":"HTTP API XDM dataflow","description":"XDM messages, no mapping","flowSpec":{"id":"d8a6f005-7eaf-4153-983e-e8574508b877","version":"1.0"},"sourceConnectionIds":["{{XDM_SOURCE_ID}}"],"targetConnectionIds":["{{XDM_TARGET_ID}}"]}
rename=lambda n:[{"op":"replace","path":"/name","value":n}]

PROBLEM={"type":"string","title":"string","status":"integer","detail":"string"}
CREATED={"id":"string","etag":"~^\".+\"$"}
def ofs(prefix, shape): return {prefix+k:v for k,v in shape.items()}
steps=[]
def step(col, name, expect, sets=None, capture=None, why=None, request=None):
    s={"collection": col, "name": name}
    if why: s["why"]=why
    s["request"]= request if request else req(col,name)
    if sets: s["set"]=sets
    s["expect"]=expect
    if capture: s["capture"]=capture
    steps.append(s)
def setup(name, method, url, body, expect, capture=None, why=None, headers=None):
    h=headers if headers is not None else [["Authorization","Bearer {{ACCESS_TOKEN}}"],["x-api-key","{{API_KEY}}"],["x-gw-ims-org-id","{{IMS_ORG}}"],["x-sandbox-name","{{SANDBOX_NAME}}"],["Content-Type","application/json"]]
    step(None, name, expect, capture=capture, why=why, request={"method":method,"url":url,"headers":h,"body":json.dumps(body) if body is not None else None})

# Schema Registry and Catalog
step(SR,"Create a custom schema",{"status":201,"body":{"$id":"~^https://ns.adobe.com/[a-z]+/schemas/[0-9a-f]+$","meta:altId":"string","meta:resourceType":"=schemas","version":"string","title":"=Pendo events","refs":"array","imsOrg":"={{IMS_ORG}}","meta:extends":"array","meta:xdmType":"=object","meta:containerId":"=tenant","meta:sandboxId":"string","meta:sandboxType":"=production","meta:tenantNamespace":"string","meta:registryMetadata":"object"}},
     sets={"payload":seed_schema},capture={"SCHEMA_URL":"body:$id","SCHEMA_ID":"body:meta:altId"})
step(SR,"Retrieve a schema",{"status":406,"contentType":"application/problem+json","body":PROBLEM},
     why="The collection asks with Accept: application/vnd.adobe.xed-id+json, a listing format; a lookup cannot give it (spec: 406 Invalid Accept format).")
step(None,"Retrieve a schema as xed-full",{"status":200,"body":{"$id":"={{SCHEMA_URL}}","properties._extconndev.properties.uniqueid.type":"=string"}},
     request={**req(SR,"Retrieve a schema"),"headers":[[k,"application/vnd.adobe.xed-full+json; version=1" if k=="Accept" else v] for k,v in req(SR,"Retrieve a schema")["headers"]]},
     why="The collection's request with one of the spec's lookup formats.")
step(CAT,"Create a new dataset",{"status":201,"headers":{"Location":"~^/data/foundation/catalog/dataSets/[0-9a-f]{24}$"},"body":{"[0]":"~^@/dataSets/[0-9a-f]{24}$"}},
     sets={"dataSet":seed_dataset},capture={"DATASET_ID":"header:Location|/5"})
step(CAT,"Look up a dataset",{"status":200,"body":{"{{DATASET_ID}}.name":"=Pendo events","{{DATASET_ID}}.schemaRef.id":"={{SCHEMA_URL}}","{{DATASET_ID}}.imsOrg":"={{IMS_ORG}}"}})
# Flow Service specs
step(FS,"List connection specifications",{"status":200,"body":{"items":"array","items[0].id":"string","items[0].name":"string","items[0].providerId":"string","items[0].version":"string"}})
step(FS,"Retrieve a connection specification",{"status":200,"body":{"items[0].id":"=bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb","items[0].name":"string","items[0].attributes":"object"}},sets={"CONNECTION_SPEC_ID":"bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb"})
step(FS,"List flow specifications",{"status":200,"body":{"items[0].id":"=e77fde5a-22a8-11ed-861d-0242ac120002","items[0].name":"=GenericStreamingAEP","items[0].targetConnectionSpecIds[0]":"=c604ff05-7f1a-43c0-8e18-33bf874cb11c"}},sets={"property":"name==GenericStreamingAEP"})
step(FS,"Retrieve a flow specification",{"status":200,"body":{"items[0].id":"=d8a6f005-7eaf-4153-983e-e8574508b877","items[0].sourceConnectionSpecIds[0]":"=bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb"}},sets={"FLOW_SPEC_ID":"d8a6f005-7eaf-4153-983e-e8574508b877"})
# base connection (HTTP API)
step(FS,"Create a new connection",{"status":201,"headers":{"Location":"~/flowservice/connections/[0-9a-f-]{36}$"},"body":CREATED},sets={"body":http_connection},capture={"CONNECTION_ID":"body:id"})
step(FS,"Retrieve a connection",{"status":200,"body":{"items[0].id":"={{CONNECTION_ID}}","items[0].etag":"string","items[0].connectionSpec.id":"=bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb","items[0].sandboxName":"={{SANDBOX_NAME}}","items[0].imsOrgId":"={{IMS_ORG}}"}},capture={"if-match":"body:items[0].etag"})
step(FS,"Update an existing connection",{"status":200,"body":CREATED},sets={"body":rename("HTTP API streaming connection (renamed)")})
# source and target connections (seed)
step(FS,"Create a new source connection",{"status":201,"body":CREATED},sets={"body":seed_source},capture={"SOURCE_CONNECTION_ID":"body:id"})
step(FS,"Retrieve a source connection",{"status":200,"body":{"items[0].id":"={{SOURCE_CONNECTION_ID}}","items[0].etag":"string","items[0].state":"=enabled"}},capture={"if-match":"body:items[0].etag"})
step(FS,"Update a source connection",{"status":200,"body":CREATED},sets={"body":rename("Pendo source (renamed)")})
step(FS,"Create a target connection",{"status":201,"body":CREATED},sets={"body":seed_target},capture={"TARGET_CONNECTION_ID":"body:id"})
step(FS,"Retrieve a target connection",{"status":200,"body":{"items[0].id":"={{TARGET_CONNECTION_ID}}","items[0].params.dataSetId":"={{DATASET_ID}}"}},capture={"if-match":"body:items[0].etag"})
step(FS,"Update a target connection",{"status":200,"body":CREATED},sets={"body":rename("Pendo target (renamed)")})
# Data Prep
MS_CREATED={"id":"~^[0-9a-f]{32}$","version":"=0","createdDate":"integer","modifiedDate":"integer","createdBy":"string","modifiedBy":"string"}
step(DP,"Create a mapping set",{"status":200,"body":MS_CREATED},sets={"body":seed_mapping},capture={"MAPPING_SET_ID":"body:id"})
step(DP,"Validate a mapping set",{"status":200,"body":{"validationResponse[0].status":"=SUCCESS"}},sets={"body":seed_mapping})
step(DP,"Preview mapping sets",{"status":200,"body":{"[0].data._extconndev.uniqueid":"=conformance-1","[0].errors":"null"}},sets={"body":{"data":[pendo_event],"mappingSet":seed_mapping}})
step(DP,"Retrieve a mapping set",{"status":200,"body":{"id":"={{MAPPING_SET_ID}}","version":"=0","mappings":"array","outputSchema.schemaRef.id":"={{SCHEMA_URL}}"}})
step(MS,"Create a mapping set",{"status":200,"body":MS_CREATED},sets={"mappingSet":seed_mapping,"validate":"true"},capture={"id":"body:id"})
step(MS,"Returns mapping set for given id",{"status":200,"body":{"id":"={{id}}","mappings[0].destinationXdmPath":"=_extconndev.accountid"}})
# Flow
step(FS,"Create a flow",{"status":201,"headers":{"Location":"~/flowservice/flows/[0-9a-f-]{36}$"},"body":CREATED},sets={"body":seed_flow},capture={"FLOW_ID":"body:id"})
step(FS,"Retrieve a flow's details",{"status":200,"body":{"items[0].id":"={{FLOW_ID}}","items[0].etag":"string","items[0].state":"=enabled","items[0].options.inletUrl":"~/collection/[0-9a-f]{64}$","items[0].inheritedAttributes.properties.isSourceFlow":"=true","items[0].runs":"string"}},capture={"if-match":"body:items[0].etag","INLET_URL":"body:items[0].options.inletUrl"})
step(FS,"Update a flow",{"status":200,"body":CREATED},sets={"body":rename("Streaming Dataflow for Pendo (renamed)")})
setup("Send one Pendo event to the flow's inlet (seed, Pendo's webhook URL form)","POST","{{INLET_URL}}?x-adobe-flow-id={{FLOW_ID}}",pendo_event,
      {"status":200,"body":{"inletId":"string","xactionId":"string","receivedTimeMs":"integer"}},headers=[["Content-Type","application/json"]],why="A run exists once a record is ingested; GET /runs/{id} needs one.")
step(FS,"List flow runs",{"status":200,"body":{"items[0].id":"string","items[0].flowId":"={{FLOW_ID}}","items[0].metrics.recordSummary.inputRecordCount":"=1","_links":"object"}},sets={"property":"flowId=={{FLOW_ID}}"},capture={"RUN_ID":"body:items[0].id"})
step(FS,"Retrieve a flow run",{"status":200,"body":{"items[0].id":"={{RUN_ID}}","items[0].flowId":"={{FLOW_ID}}","items[0].metrics.recordSummary.outputRecordCount":"=1"}})
# XDM flow for the streaming collection
setup("HTTP API source connection (XDM)","POST","https://platform.adobe.io/data/foundation/flowservice/sourceConnections",http_source,{"status":201,"body":CREATED},capture={"XDM_SOURCE_ID":"body:id"},why="The streaming collection reads an existing inlet; these create one (Adobe's HTTP API tutorial).")
setup("HTTP API target connection (XDM)","POST","https://platform.adobe.io/data/foundation/flowservice/targetConnections",http_target,{"status":201,"body":CREATED},capture={"XDM_TARGET_ID":"body:id"})
setup("HTTP API XDM dataflow","POST","https://platform.adobe.io/data/foundation/flowservice/flows",http_flow,{"status":201,"body":CREATED},capture={"XDM_FLOW_ID":"body:id"})
# Streaming collection
step(ST,"Create Profile SCHEMA USING Profile Class",{"status":201,"body":{"$id":"string","meta:altId":"string","meta:class":"=https://ns.adobe.com/xdm/context/profile","meta:extends":"array","refs[0]":"=https://ns.adobe.com/xdm/context/profile","refs[1]":"=https://ns.adobe.com/xdm/context/identitymap","meta:sandboxType":"=production","imsOrg":"={{IMS_ORG}}"}},capture={"PROFILESCHEMAURL":"body:$id","PROFILESCHEMAFULL":"body:meta:altId","PROFILESCHEMAID":"body:$id|/5"})
step(ST,"Create Profile Dataset Streaming enabled",{"status":201,"headers":{"Location":"string"},"body":{"[0]":"string"}},capture={"NEWPROFILEDATASETID":"header:Location|/5"})
step(ST,"Create ExpEvent SCHEMA",{"status":201,"body":{"meta:class":"=https://ns.adobe.com/xdm/context/experienceevent","refs":"array"}},capture={"EXPEVENTSCHEMAURL":"body:$id","EXPEVENTSCHEMAFULL":"body:meta:altId","EXPEVENTSCHEMAID":"body:$id|/5"})
step(ST,"Create ExpEvent Dataset Streaming enabled",{"status":201,"headers":{"Location":"string"}},capture={"NEWEXPEVENTDATASETID":"header:Location|/5"})
step(ST,"Streaming - Get first Streaming Endpoint",{"status":200,"body":{"items[0].inletUrl":"~/collection/[0-9a-f]{64}$","items[0].imsOrg":"={{IMS_ORG}}","items[0].sourceId":"={{XDM_FLOW_ID}}"}},capture={"STREAMINGENDPOINTID":"body:items[0].inletUrl"})
ING={"status":200,"body":{"inletId":"string","xactionId":"string","receivedTimeMs":"integer"}}
step(ST,"Streaming - Profile Ingest - 3 records in IdentityMap",ING,capture={"PROFILE_XACTION":"body:xactionId"})
step(ST,"Streaming - ExpEvent Ingest CRM ID 3 Profile Link",ING)
step(ST,"Streaming - ExpEvent Ingest Email 3 Email Link",ING)
step(ST,"Streaming - ExpEvent Ingest ECID 3 ECID Link",ING)
setup("The profile record is stored valid in the dataset its header names","GET","http://{{PLATFORM_GATEWAY}}/emulator/datasets/{{NEWPROFILEDATASETID}}/records",None,{"status":200,"body":{"items[0].xactionId":"={{PROFILE_XACTION}}","items[0].outcome":"=stored","items[1]":"absent"}},headers=[])
setup("The three experience events are stored valid in theirs","GET","http://{{PLATFORM_GATEWAY}}/emulator/datasets/{{NEWEXPEVENTDATASETID}}/records",None,{"status":200,"body":{"items[0].outcome":"=stored","items[1].outcome":"=stored","items[2].outcome":"=stored","items[3]":"absent"}},headers=[])
step(ST,"Cleanup ExpEvent Schema",{"status":204})
step(ST,"Cleanup Profile Schema",{"status":204})
other=[["Authorization","Bearer {{ACCESS_TOKEN}}"],["x-api-key","{{API_KEY}}"],["x-gw-ims-org-id","{{IMS_ORG}}"],["x-sandbox-name","conformance-dev"]]
setup("The flow is invisible from another sandbox","GET","https://platform.adobe.io/data/foundation/flowservice/flows/{{FLOW_ID}}",None,{"status":404,"contentType":"application/problem+json","body":PROBLEM},headers=other)
otherorg=[["Authorization","Bearer {{ACCESS_TOKEN}}"],["x-api-key","{{API_KEY}}"],["x-gw-ims-org-id","OTHER@AdobeOrg"],["x-sandbox-name","{{SANDBOX_NAME}}"]]
setup("The dataset is invisible from another org","GET","https://platform.adobe.io/data/foundation/catalog/dataSets/{{DATASET_ID}}",None,{"status":404,"contentType":"application/problem+json","body":PROBLEM},headers=otherorg)
step(FS,"Delete a flow",{"status":204})
step(FS,"Retrieve a flow's details",{"status":404,"contentType":"application/problem+json","body":{**PROBLEM,"status":"=404"}},why="After the delete: a problem document, as every error.")
steps[-1]["name"]="Retrieve a flow's details"
step(FS,"Delete a source connection",{"status":204})
step(FS,"Delete a target connection",{"status":204})
step(FS,"Delete an existing connection",{"status":204})
setup("An unknown endpoint answers a problem document","GET","https://platform.adobe.io/data/foundation/flowservice/connections/{{CONNECTION_ID}}/explore",None,{"status":404,"contentType":"application/problem+json","body":PROBLEM})

manifest={
 "about":"Adobe's Postman collections (shared/reference/adobe-postman, MIT licence, (c) 2018 Adobe) replayed against the emulator: the in-scope requests in run order, each as the collection has it (method, URL, headers, body), the values its {{placeholders}} take (the seed's bodies where the collection has {{body}}), what Adobe's OpenAPI specs (AdobeDocs/experience-platform-apis, static/swagger-specs, commit 16c60cd) and guides document as the answer, and what later steps read from it. Steps with collection null are not in a collection: they create what a collection assumes exists, or check where a record landed. Runners: Tests/InletEmulatorTests/AdobeConformanceTests.swift (in process) and scripts/replay-adobe-collections.py (against a running serve).",
 "rules":{
   "url":"https://platform.adobe.io and https://{{PLATFORM_GATEWAY}} become the emulator's base URL; :NAME path variables take {{NAME}}; unset variables are empty",
   "auth":"a request without Authorization gets the collection's bearer auth (Check_Streaming_to_Profile sets it at collection level)",
   "shape":"body paths (a.b[0].c) map to a type (string, integer, number, boolean, object, array, null), =literal, ~regex, or absent",
   "capture":"body:PATH or header:NAME, optionally |/N for the Nth segment of the value split on /"
 },
 "variables":{"ACCESS_TOKEN":"conformance-token","API_KEY":"conformance-api-key","IMS_ORG":"CONFORMANCE@AdobeOrg","SANDBOX_NAME":"prod","CONTAINER_ID":"tenant","RUNDESIGNATION":"1764892800000","accept-encoding":"identity"},
 "out_of_scope":{
   "Flow Service API":"List connections, List flows (no listing of connections or flows), Test a connection's connectivity and Explore a connection's contents (no remote account), Create a new run (runs are made by ingestion)",
   "Data Prep API":"expression validation, function and operator listings, List mapping sets, Update a mapping set (PUT), mappings sub-resources",
   "Mapping Service API Resource":"listings, suggestions, PUT/DELETE of mapping sets and mappings, xdmBatchConversions (batch ingestion)",
   "Catalog Service API":"batches, dataset listing, PUT/PATCH/DELETE of datasets, credentials, batched requests, tags",
   "Schema Registry API":"stats, listings, field group/class/data type/descriptor/union creation and edits, PUT/PATCH of schemas, export/import, sample data, audit log",
   "Check_Streaming_to_Profile":"IMS JWT auth, the message to a hard-coded dcs.adobedc.net inlet of another org (Santhosh), batch status, Profile lookup and Identity Service (no Profile or identity graph), dataset cleanup (the collection deletes /catalog/dataset/{id}, a path Catalog does not have)"
 },
 "steps":steps,
}
out=os.path.join(HERE, '..', 'Tests', 'InletEmulatorTests', 'Conformance', 'adobe-collections.json')
json.dump(manifest, open(out,'w'), indent=1, ensure_ascii=False)
print(f"{out}: {len(steps)} steps, {sum(1 for s in steps if s['collection'])} from the collections")
