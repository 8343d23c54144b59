# Unity builds (-DCMAKE_UNITY_BUILD=ON, used by the CI's sanitizer trees) compile each target's
# sources in batches, which parses the heavy headers (nlohmann/json, Boost) once per batch instead
# of once per file. Files listed here define file-local helpers whose names another file of the
# same target also uses, so they are compiled on their own.
set(SAWT_UNITY_SKIP
  src/report/html.cpp
  src/http/gzip.cpp src/http/cidr.cpp src/http/client_address.cpp src/http/server.cpp src/http/client.cpp
  src/auth/auth_service.cpp
  src/messaging/demo.cpp src/messaging/notification_source.cpp
  src/calendar/demo.cpp
  src/strategy/activity_service.cpp src/strategy/activity_evidence.cpp src/strategy/kpi_service.cpp
  src/strategy/compliance_demo.cpp src/strategy/meeting_service.cpp
  src/crisis/room_service.cpp src/crisis/template_service.cpp src/crisis/statement_service.cpp
  src/app/cli/admin.cpp
  tests/api/notifications_api_test.cpp
)
foreach(file IN LISTS SAWT_UNITY_SKIP)
  get_filename_component(dir ${file} DIRECTORY)
  if(dir MATCHES "^src/app")
    set(dir src/app)
  endif()
  set_source_files_properties(${PROJECT_SOURCE_DIR}/${file} DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}
    PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endforeach()
